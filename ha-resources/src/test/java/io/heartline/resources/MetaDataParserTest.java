package io.heartline.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaDataParserTest {
    static final String FOOBAR = """
            <?xml version="1.0"?>
            <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">
            <resource-agent name="foobar" version="0.1">
              <version>1.0</version>
              <shortdesc lang="en">Example agent</shortdesc>
              <parameters>
                <parameter name="eggs" unique="0" required="1">
                  <shortdesc lang="en">Number of eggs</shortdesc>
                  <content type="integer"/>
                </parameter>
                <parameter name="superfrobnicate" required="false">
                  <content type="boolean" default="false"/>
                </parameter>
                <parameter name="datadir" unique="true" required="true">
                  <content type="string"/>
                </parameter>
              </parameters>
              <actions>
                <action name="start" timeout="20" />
                <action name="stop" timeout="20s" />
                <action name="monitor" timeout="20s" interval="10s" depth="0" />
                <action name="meta-data" timeout="5" />
              </actions>
            </resource-agent>
            """;

    @Test
    void readsParametersAndActions() {
        MetaData md = MetaDataParser.parse(FOOBAR);
        assertEquals("foobar", md.agentName());
        assertEquals("Example agent", md.shortDesc());
        assertEquals(List.of("eggs", "superfrobnicate", "datadir"), md.parameters().stream().map(MetaData.Parameter::name).toList());
        MetaData.Parameter eggs = md.parameter("eggs").orElseThrow();
        assertTrue(eggs.required());
        assertFalse(eggs.unique());
        assertEquals("integer", eggs.type());
        assertNull(eggs.defaultValue());
        assertEquals("false", md.parameter("superfrobnicate").orElseThrow().defaultValue());
        assertTrue(md.parameter("datadir").orElseThrow().unique());
        assertEquals(Duration.ofSeconds(20), md.action("start").orElseThrow().timeout());
        assertEquals(Duration.ofSeconds(10), md.action("monitor").orElseThrow().interval());
        assertNull(md.action("stop").orElseThrow().interval());
    }

    @Test
    void validateParamsNamesEachProblem() {
        MetaData md = MetaDataParser.parse(FOOBAR);
        assertEquals(List.of(), md.validateParams(Map.of("eggs", "12", "datadir", "/srv")));
        List<String> problems = md.validateParams(Map.of("eggs", "a dozen", "superfrobnicate", "maybe", "bacon", "yes"));
        assertEquals(List.of(
                "unknown parameter 'bacon' for foobar (it takes: datadir, eggs, superfrobnicate)",
                "parameter 'eggs' of foobar must be integer, not 'a dozen'",
                "parameter 'superfrobnicate' of foobar must be boolean, not 'maybe'",
                "missing required parameter 'datadir' for foobar"), problems);
    }

    @Test
    void externalEntitiesAreNeverResolved(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = dir.resolve("secret");
        java.nio.file.Files.writeString(secret, "s3cr3t-token");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE resource-agent [ <!ENTITY xxe SYSTEM "%s"> ]>
                <resource-agent name="evil">
                  <shortdesc>&xxe;</shortdesc>
                  <actions><action name="start" timeout="20s"/></actions>
                </resource-agent>
                """.formatted(secret.toUri());
        MetaData md = MetaDataParser.parse(xxe);
        assertEquals("evil", md.agentName());
        assertEquals("", md.shortDesc(), "the external entity must stay unexpanded");
    }

    @Test
    void aDtdUrlIsNotFetched() {
        String remote = FOOBAR.replace("\"ra-api-1.dtd\"", "\"http://192.0.2.1/ra-api-1.dtd\"");
        long t0 = System.nanoTime();
        assertEquals("foobar", MetaDataParser.parse(remote).agentName());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2_000, "no network fetch of the DTD");
    }

    @Test
    void rejectsWhatIsNotOcfMetaData() {
        assertThrows(InvalidMetaDataException.class, () -> MetaDataParser.parse("usage: foo start|stop"));
        InvalidMetaDataException e = assertThrows(InvalidMetaDataException.class, () -> MetaDataParser.parse("<html/>"));
        assertEquals("root element is <html>, not <resource-agent>", e.getMessage());
        e = assertThrows(InvalidMetaDataException.class,
                () -> MetaDataParser.parse("<resource-agent name='x'><actions><action name='start' timeout='soon'/></actions></resource-agent>"));
        assertTrue(e.getMessage().contains("not a time value: 'soon'"), e.getMessage());
    }

    @Test
    void ocfDurations() {
        assertEquals(Duration.ofSeconds(20), OcfDuration.parse("20"));
        assertEquals(Duration.ofSeconds(20), OcfDuration.parse("20s"));
        assertEquals(Duration.ofMillis(500), OcfDuration.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), OcfDuration.parse("2min"));
        assertEquals(Duration.ofMinutes(2), OcfDuration.parse("2m"));
        assertEquals(Duration.ofHours(1), OcfDuration.parse("1h"));
        assertThrows(IllegalArgumentException.class, () -> OcfDuration.parse("-1s"));
    }
}
