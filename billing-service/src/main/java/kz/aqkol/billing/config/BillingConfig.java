package kz.aqkol.billing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kz.aqkol.billing.account.SocialCategory;

/** billing-service's settings ({@code aqkol.billing.*}); docs/billing.md explains each. */
@ConfigMapping(prefix = "aqkol.billing")
public interface BillingConfig {

    /** Where billing months and due dates begin and end. */
    @WithDefault("Asia/Almaty")
    ZoneId timeZone();

    /** Days from an invoice's issue to its due date. */
    @WithDefault("20")
    int dueDays();

    /** Accounts per step of a bill run (one consumption query and one database transaction each). */
    @WithDefault("500")
    int billRunBatch();

    /**
     * How long a replica's hold on a running bill run lasts unless renewed (it renews every third of this); once it
     * has ended, another replica takes the run over and resumes it.
     */
    @WithDefault("PT1M")
    Duration billRunLease();

    /** How often each replica looks for bill runs whose lease has ended. */
    @WithDefault("15s")
    String billRunTakeoverEvery();

    /** An auto-paying account whose wallet falls below this (tiyn) is warned. */
    @WithDefault("500000")
    long lowBalanceTiyn();

    Dunning dunning();

    Payments payments();

    /** Money moves only when a payment provider confirms it (docs/billing.md, "Payments"). */
    interface Payments {

        /** The provider (its adapter's name) residents pay through: {@code POST /me/payments} opens a checkout there. */
        @WithDefault("sandbox")
        String checkoutProvider();

        /** How long a resident has to complete a checkout; a pending intent older than this expires. */
        @WithDefault("PT30M")
        Duration intentTtl();

        /** How far a signed callback's timestamp may lie from the real time (either way) before it is refused. */
        @WithDefault("PT5M")
        Duration callbackWindow();

        /**
         * Token subjects (role service) of the payment providers that may report a payment themselves
         * ({@code POST /payments}); any other caller is refused.
         */
        @WithDefault("sandbox")
        Set<String> providerPrincipals();

        /**
         * Origins ({@code scheme://host[:port]}) a pay action's {@code returnUrl} may lead back to after the checkout
         * (the portal's); none by default, so any return URL is refused until the deployment names its portal.
         */
        Optional<Set<String>> returnOrigins();

        Sandbox sandbox();

        /** devstack's sandbox provider: where it listens, and the file holding the secret both sides sign with. */
        interface Sandbox {

            @WithDefault("http://127.0.0.1:8090")
            URI url();

            @WithDefault(".aqkol/secrets/payment-sandbox-secret")
            Path secretFile();
        }
    }

    interface Dunning {

        /** Overdue stages as NAME:days-past-due, in increasing order. */
        @WithDefault("REMINDER:7,WARNING:21,BLOCKED:45")
        List<String> stages();

        /** The stage at which supply is cut (the account becomes BLOCKED). */
        @WithDefault("BLOCKED")
        String blockingStage();

        /** Categories protected from blocking in {@link #protectedMonths()}. */
        @WithDefault("PENSIONER,DISABLED,LARGE_FAMILY")
        Set<SocialCategory> protectedCategories();

        /** Months (1–12) in which protected categories are never blocked: the heating season. */
        @WithDefault("10,11,12,1,2,3,4")
        Set<Integer> protectedMonths();

        /** The protection rule: an account of this category is not blocked on this (local) day. */
        default boolean protects(SocialCategory category, LocalDate day) {
            return protectedCategories().contains(category) && protectedMonths().contains(day.getMonthValue());
        }
    }
}
