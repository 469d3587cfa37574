package io.jenkins.plugins.awsrollout.timeline;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A timeline picture read back for tests: the elements by their classes, the coordinates, the labels. */
public final class SvgPicture {

    private final Document document;

    private SvgPicture(Document document) {
        this.document = document;
    }

    /** Parses {@code svg} as XML (it must be well-formed). */
    public static SvgPicture parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return new SvgPicture(factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))));
    }

    /** Every element with {@code cssClass} among its classes, in document order. */
    public List<Element> withClass(String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cssClass)) {
                found.add(e);
            }
        }
        return found;
    }

    public String title() {
        return withClass("title").get(0).getTextContent();
    }

    public boolean capacityCharted() {
        return !withClass("capacity").isEmpty();
    }

    /** The points of the polyline of {@code series} (healthy, in-service, desired, floor, ceiling). */
    public List<double[]> points(String series) {
        List<double[]> points = new ArrayList<>();
        for (String pair : withClass(series).get(0).getAttribute("points").trim().split("\\s+")) {
            String[] xy = pair.split(",");
            points.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return points;
    }

    /** The instance count at height {@code y}, from the chart's labelled grid lines. */
    public int valueAt(double y) {
        List<Element> labels = withClass("y-label");
        Element a = labels.get(0);
        Element b = labels.get(labels.size() - 1);
        double ya = Double.parseDouble(a.getAttribute("y"));
        double yb = Double.parseDouble(b.getAttribute("y"));
        int va = Integer.parseInt(a.getTextContent());
        int vb = Integer.parseInt(b.getTextContent());
        // labels sit 4 px under their grid line
        return (int) Math.round(va + (vb - va) * ((y + 4) - ya) / (yb - ya));
    }

    /** The height of the floor line in effect at {@code x} (after a step at {@code x}, the new height). */
    public double floorYAt(double x) {
        double y = Double.NaN;
        for (double[] p : points("floor")) {
            if (p[0] <= x) {
                y = p[1];
            }
        }
        return y;
    }

    /** The labels of the bands (batches, pauses), left to right. */
    public List<String> bands() {
        return withClass("band").stream().map(g -> g.getElementsByTagName("title").item(0).getTextContent())
                .map(t -> t.substring(0, t.lastIndexOf(", "))).toList();
    }

    /** The marks, as their tooltips say them. */
    public List<String> marks() {
        return withClass("mark").stream().map(Element::getTextContent).toList();
    }

    /** The lanes, top to bottom. */
    public List<String> lanes() {
        return withClass("lane").stream().map(e -> e.getAttribute("data-lane")).toList();
    }

    /** The states of {@code lane}, left to right. */
    public List<String> states(String lane) {
        for (Element e : withClass("lane")) {
            if (e.getAttribute("data-lane").equals(lane)) {
                List<String> states = new ArrayList<>();
                NodeList groups = e.getElementsByTagName("g");
                for (int i = 0; i < groups.getLength(); i++) {
                    states.add(((Element) groups.item(i)).getAttribute("data-state"));
                }
                return states;
            }
        }
        throw new AssertionError("no lane " + lane + " among " + lanes());
    }
}
