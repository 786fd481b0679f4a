package io.heartline.resources;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads an OCF agent's {@code meta-data} XML into {@link MetaData} with the JDK's parser,
 * hardened: the {@code <!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">} every agent prints is
 * accepted but never fetched, external entities are never resolved, and entity expansion is
 * bounded (secure processing).
 */
public final class MetaDataParser {
    private static final Set<String> TRUE = Set.of("1", "true", "yes", "on", "y");

    private MetaDataParser() {
    }

    /** @throws InvalidMetaDataException if the text is not well-formed XML or not an OCF {@code <resource-agent>} */
    public static MetaData parse(String xml) {
        Document doc = read(xml);
        Element root = doc.getDocumentElement();
        if (!"resource-agent".equals(root.getTagName())) {
            throw new InvalidMetaDataException("root element is <" + root.getTagName() + ">, not <resource-agent>");
        }
        String name = root.getAttribute("name");
        if (name.isBlank()) {
            throw new InvalidMetaDataException("<resource-agent> has no name");
        }
        List<MetaData.Parameter> params = new ArrayList<>();
        for (Element p : children(child(root, "parameters"), "parameter")) {
            params.add(parameter(p));
        }
        List<MetaData.Action> actions = new ArrayList<>();
        for (Element a : children(child(root, "actions"), "action")) {
            actions.add(new MetaData.Action(a.getAttribute("name"), time(a, "timeout"), time(a, "interval")));
        }
        if (actions.isEmpty()) {
            throw new InvalidMetaDataException(name + ": meta-data lists no <actions>");
        }
        return new MetaData(name, text(child(root, "shortdesc")), params, actions);
    }

    private static MetaData.Parameter parameter(Element p) {
        String name = p.getAttribute("name");
        if (name.isBlank()) {
            throw new InvalidMetaDataException("a <parameter> has no name");
        }
        Element content = child(p, "content");
        String type = content == null || content.getAttribute("type").isBlank() ? "string" : content.getAttribute("type");
        String dflt = content == null || !content.hasAttribute("default") ? null : content.getAttribute("default");
        return new MetaData.Parameter(name, flag(p, "required"), flag(p, "unique"), type, dflt, text(child(p, "shortdesc")));
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new QuietErrors());
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            throw new InvalidMetaDataException("meta-data is not well-formed XML: " + e.getMessage());
        } catch (ParserConfigurationException | IOException e) {
            throw new InvalidMetaDataException("cannot read meta-data: " + e.getMessage());
        }
    }

    /** Errors become the parse's exception; nothing is printed to stderr. */
    private static final class QuietErrors implements org.xml.sax.ErrorHandler {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
            throw e;
        }
    }

    private static boolean flag(Element e, String attr) {
        return TRUE.contains(e.getAttribute(attr).strip().toLowerCase(Locale.ROOT));
    }

    private static Duration time(Element e, String attr) {
        String v = e.getAttribute(attr);
        if (v.isBlank()) {
            return null;
        }
        try {
            return OcfDuration.parse(v);
        } catch (IllegalArgumentException ex) {
            throw new InvalidMetaDataException("action '" + e.getAttribute("name") + "': " + attr + ": " + ex.getMessage());
        }
    }

    private static Element child(Element parent, String tag) {
        List<Element> all = children(parent, tag);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }
}
