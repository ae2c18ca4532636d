package kz.aqkol.devstack.test.browser;

import java.util.List;

/**
 * One rule of axe-core's that a page breaks: the rule ({@code image-alt}), how badly ({@code minor},
 * {@code moderate}, {@code serious} or {@code critical}), what it asks for, and a CSS selector of each element that
 * breaks it.
 */
public record AxeViolation(String id, String impact, String help, String helpUrl, List<String> targets) {

    /** Serious and critical violations keep someone from using the page; the portal allows none. */
    public boolean seriousOrWorse() {
        return "serious".equals(impact) || "critical".equals(impact);
    }

    @Override
    public String toString() {
        return impact + " " + id + ": " + help + " " + targets + " (" + helpUrl + ")";
    }
}
