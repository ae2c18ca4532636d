package kz.aqkol.billing.account;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * Changes to an account; absent fields stay as they are. Which meters an account has is
 * metering-service's to say ({@code POST /meters/{id}/assignments}); {@code meters}, if given, must be empty.
 */
public record AccountChange(
        @Size(min = 1, max = 200) String holder,
        @Size(min = 1, max = 500) String address,
        @Size(max = 64) String zone,
        SocialCategory socialCategory,
        @Size(max = 0, message = AccountRequest.METERS_ELSEWHERE) Set<String> meters,
        @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 500) String webhookUrl,
        Boolean autoPay) {
}
