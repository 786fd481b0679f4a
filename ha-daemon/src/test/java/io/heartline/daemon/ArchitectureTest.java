package io.heartline.daemon;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of DESIGN.md as rules over the production classes of every module the daemon
 * is built from: libraries depend on core (resources also on takeover, to claim VIPs), core on
 * nothing of ours; time only through the Clock; the decider does no I/O; the daemon's rooms do
 * not reach into lifecycle, and nothing but lifecycle builds the loop.
 */
class ArchitectureTest {
    static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("heartline-testkit"))
                .importPackages("io.heartline");
    }

    /** Each library module's package and the heartline packages it may use besides its own and core. */
    static final Map<String, List<String>> LIBRARIES = Map.of(
            "io.heartline.heartbeat..", List.of(),
            "io.heartline.membership..", List.of(),
            "io.heartline.takeover..", List.of(),
            "io.heartline.resources..", List.of("io.heartline.takeover.."),
            "io.heartline.stonith..", List.of(),
            "io.heartline.notify..", List.of());

    @Test
    void librariesDependOnCoreOnly() {
        for (var lib : LIBRARIES.entrySet()) {
            List<String> others = LIBRARIES.keySet().stream()
                    .filter(p -> !p.equals(lib.getKey()) && !lib.getValue().contains(p)).toList();
            List<String> forbidden = new java.util.ArrayList<>(others);
            forbidden.add("io.heartline.daemon..");
            forbidden.add("io.heartline.hactl..");
            noClasses().that().resideInAPackage(lib.getKey())
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("DESIGN.md: library modules depend on core only (resources also on takeover)")
                    .check(main);
        }
    }

    @Test
    void coreDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.heartline.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.heartline.heartbeat..", "io.heartline.membership..",
                        "io.heartline.takeover..", "io.heartline.resources..", "io.heartline.stonith..",
                        "io.heartline.notify..", "io.heartline.daemon..", "io.heartline.hactl..")
                .check(main);
    }

    @Test
    void timeComesFromTheClock() {
        ArchRule wall = noClasses().that().doNotHaveSimpleName("SystemClock")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", long.class, int.class)
                .orShould().callMethod(java.time.Instant.class, "now")
                .because("time comes from an injected Clock, so that logic runs in virtual time");
        wall.check(main);
    }

    @Test
    void theDeciderDoesNoIo() {
        noClasses().that().resideInAPackage("io.heartline.membership..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..",
                        "java.util.concurrent..", "org.slf4j..")
                .because("the decider is a pure function (state, event) -> (state, actions)")
                .check(main);
    }

    @Test
    void roomsDoNotReachIntoLifecycle() {
        noClasses().that().resideInAPackage("io.heartline.daemon..")
                .and().resideOutsideOfPackages("io.heartline.daemon.lifecycle..", "io.heartline.daemon")
                .should().dependOnClassesThat().resideInAPackage("io.heartline.daemon.lifecycle..")
                .because("lifecycle builds and stops every room; no room starts or stops another")
                .check(main);
    }

    @Test
    void theLoopDependsOnNoControlOrLifecycle() {
        noClasses().that().resideInAPackage("io.heartline.daemon.loop..")
                .should().dependOnClassesThat().resideInAnyPackage("io.heartline.daemon.control..",
                        "io.heartline.daemon.lifecycle..", "io.heartline.daemon.metrics..", "io.heartline.daemon.http..")
                .check(main);
    }

    @Test
    void nothingInMainDependsOnTheTestkit() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("io.heartline.core.ManualClock")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.heartline.core.VirtualScheduler")
                .orShould().dependOnClassesThat().resideInAnyPackage("io.heartline.testkit..", "io.heartline.heartbeat.tool..")
                .because("the testkit is test scope only (the enforcer bans it from compile scope too)")
                .check(main);
    }
}
