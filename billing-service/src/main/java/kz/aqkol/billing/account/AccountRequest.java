package kz.aqkol.billing.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * An account to open. {@code socialCategory} defaults to NONE, {@code autoPay} to false. Which meters an account has is
 * metering-service's to say ({@code POST /meters/{id}/assignments}); {@code meters}, if given, must be empty.
 */
public record AccountRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String number,
        @NotBlank @Size(max = 200) String holder,
        @NotBlank @Size(max = 500) String address,
        @Size(max = 64) String zone,
        SocialCategory socialCategory,
        @Size(max = 0, message = METERS_ELSEWHERE) Set<String> meters,
        @Pattern(regexp = "https?://.+", message = "must be an http(s) URL") @Size(max = 500) String webhookUrl,
        Boolean autoPay) {

    public static final String METERS_ELSEWHERE = "meters are assigned to accounts in metering-service: "
            + "POST /meters/{id}/assignments";
}
