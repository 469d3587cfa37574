package io.jenkins.plugins.awsrollout.timeline;

import java.util.Locale;

/**
 * A small SVG writer: elements with attributes and text, every value XML-escaped, numbers with one decimal. Enough
 * for rectangles, lines, polylines and text; nothing is read back, so there is no DOM.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder(8192);

    Svg(double width, double height) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(number(width)).append("\" height=\"")
                .append(number(height)).append("\" viewBox=\"0 0 ").append(number(width)).append(' ')
                .append(number(height)).append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    }

    /** Opens {@code name} with attribute pairs ({@code "x", 12, "class", "floor"}). */
    Svg open(String name, Object... attributes) {
        start(name, attributes);
        out.append(">\n");
        return this;
    }

    Svg close(String name) {
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** An empty element. */
    Svg leaf(String name, Object... attributes) {
        start(name, attributes);
        out.append("/>\n");
        return this;
    }

    /** An element holding {@code text}. */
    Svg text(String name, String text, Object... attributes) {
        start(name, attributes);
        out.append('>').append(escape(text)).append("</").append(name).append(">\n");
        return this;
    }

    /** An element with a {@code <title>} (the tooltip) inside. */
    Svg titled(String name, String title, Object... attributes) {
        start(name, attributes);
        out.append("><title>").append(escape(title)).append("</title></").append(name).append(">\n");
        return this;
    }

    private void start(String name, Object[] attributes) {
        out.append('<').append(name);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            if (value == null) {
                continue;
            }
            out.append(' ').append(attributes[i]).append("=\"")
                    .append(value instanceof Number n ? number(n.doubleValue()) : escape(value.toString())).append('"');
        }
    }

    String end() {
        return out.append("</svg>\n").toString();
    }

    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0.
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
