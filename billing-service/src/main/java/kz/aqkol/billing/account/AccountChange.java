package kz.aqkol.billing.account;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/** Changes to an account; absent fields stay as they are. */
public record AccountChange(
        @Size(min = 1, max = 200) String holder,
        @Size(min = 1, max = 500) String address,
        @Size(max = 64) String zone,
        SocialCategory socialCategory,
        @Size(max = 16) Set<@Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String> meters,
        @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 500) String webhookUrl,
        Boolean autoPay) {
}
