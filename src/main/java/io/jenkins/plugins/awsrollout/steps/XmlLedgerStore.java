package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The ledger's own XML file (under {@code JENKINS_HOME} on a controller). Readable fields for people and support
 * bundles, plus each operation's Java-serialized state in Base64. Written to a temporary file in the same directory
 * and moved over the old one, so a crash never leaves half a file.
 */
public final class XmlLedgerStore implements LedgerStore {

    private final Path file;

    public XmlLedgerStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public List<CleanupEntry> load() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Document doc;
        try (InputStream in = Files.newInputStream(file)) {
            doc = parser().parse(in);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        List<CleanupEntry> entries = new ArrayList<>();
        NodeList nodes = doc.getDocumentElement().getElementsByTagName("entry");
        for (int i = 0; i < nodes.getLength(); i++) {
            entries.add(entry((Element) nodes.item(i)));
        }
        return entries;
    }

    @Override
    public void save(List<CleanupEntry> entries) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE)) {
                write(entries, out);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void write(List<CleanupEntry> entries, OutputStream out) throws IOException {
        try {
            Document doc = parser().newDocument();
            Element root = doc.createElement("cleanupLedger");
            doc.appendChild(root);
            for (CleanupEntry e : entries) {
                Element el = doc.createElement("entry");
                el.setAttribute("id", e.id());
                el.setAttribute("stage", e.stage().name());
                child(doc, el, "functionName", e.functionName());
                child(doc, el, "buildId", e.buildId());
                child(doc, el, "buildUrl", e.buildUrl());
                child(doc, el, "what", e.what());
                child(doc, el, "status", e.status());
                child(doc, el, "deadline", e.deadline().toString());
                child(doc, el, "lastError", e.lastError());
                child(doc, el, "handedOverAt", e.handedOverAt().toString());
                child(doc, el, "outcome", e.outcome());
                child(doc, el, "finishedAt", e.finishedAt() == null ? null : e.finishedAt().toString());
                child(doc, el, "globalConnection", Boolean.toString(e.globalConnection()));
                child(doc, el, "holder", e.holder().name());
                child(doc, el, "generation", Long.toString(e.generation()));
                child(doc, el, "leaseUntil", e.leaseUntil() == null ? null : e.leaseUntil().toString());
                child(doc, el, "connection", e.connection());
                child(doc, el, "state", Base64.getEncoder().encodeToString(e.state()));
                root.appendChild(el);
            }
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("Cannot write the cleanup ledger: " + e.getMessage(), e);
        }
    }

    private static void child(Document doc, Element parent, String name, @CheckForNull String value) {
        if (value != null) {
            Element child = doc.createElement(name);
            child.setTextContent(value);
            parent.appendChild(child);
        }
    }

    private static CleanupEntry entry(Element el) {
        String finishedAt = text(el, "finishedAt");
        String holder = text(el, "holder");
        String generation = text(el, "generation");
        String leaseUntil = text(el, "leaseUntil");
        return new CleanupEntry(
                el.getAttribute("id"),
                text(el, "functionName"),
                text(el, "buildId"),
                text(el, "buildUrl"),
                String.valueOf(text(el, "what")),
                String.valueOf(text(el, "status")),
                Instant.parse(text(el, "deadline")),
                text(el, "lastError"),
                Instant.parse(text(el, "handedOverAt")),
                CleanupEntry.Stage.valueOf(el.getAttribute("stage")),
                text(el, "outcome"),
                finishedAt == null ? null : Instant.parse(finishedAt),
                Boolean.parseBoolean(text(el, "globalConnection")),
                Base64.getDecoder().decode(String.valueOf(text(el, "state")).strip()),
                // A file written before leases existed: every entry was the ledger's.
                holder == null ? CleanupEntry.Holder.LEDGER : CleanupEntry.Holder.valueOf(holder.strip()),
                generation == null ? 0 : Long.parseLong(generation.strip()),
                leaseUntil == null ? null : Instant.parse(leaseUntil.strip()),
                text(el, "connection"));
    }

    private static @CheckForNull String text(Element el, String name) {
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent();
            }
        }
        return null;
    }

    private static DocumentBuilder parser() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
