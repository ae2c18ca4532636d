package kz.aqkol.portal.console;

import io.quarkus.qute.TemplateExtension;
import java.util.Set;

/**
 * Template helpers of the console ({@code console:} namespace). Alert types are open-ended (Prometheus may raise
 * any), so a page names in the visitor's language the types the services raise and shows any other as the code it is.
 */
@TemplateExtension(namespace = "console")
public final class ConsoleExtensions {

    /** The alert types the four services raise, each with a text {@code console.alert-type.<TYPE>}. */
    static final Set<String> KNOWN_TYPES = Set.of("OFFLINE", "FIRE", "SMOKE", "TAMPER", "INTRUSION", "WATCHLIST",
            "LEAK", "SPIKE", "SILENT", "VALVE_FAILED", "VALVE_UNANSWERED", "BACKFLOW", "BATTERY_LOW", "MAGNETIC_TAMPER",
            "VALVE_FAULT", "REGISTER_RESET", "INVOICE_DISPUTED", "BLOCK_DEFERRED",
            "ACCOUNT_BLOCKED", "WALLET_LOW", "DUNNING_REMINDER", "DUNNING_WARNING", "DUNNING_BLOCKED");

    private ConsoleExtensions() {
    }

    static boolean knownType(String type) {
        return KNOWN_TYPES.contains(type);
    }
}
