package kz.aqkol.billing.account;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import kz.aqkol.billing.run.Metering;
import kz.aqkol.platform.problem.Problem;
import kz.aqkol.platform.problem.ProblemException;
import kz.aqkol.platform.problem.ProblemType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks an account's meters against metering-service ({@code GET /meters/{id}}) before they are recorded. A meter
 * metering-service answers 404 for is refused (422). When metering-service cannot be asked (down, no credentials),
 * {@code aqkol.billing.meter-check}: {@code lenient} (default) accepts the meters and logs it, {@code strict}
 * refuses with 503, {@code off} skips the check.
 */
@ApplicationScoped
public class MeterCheck {

    private static final Logger LOG = Logger.getLogger(MeterCheck.class);

    private final Metering metering;
    private final String mode;

    MeterCheck(Metering metering, @ConfigProperty(name = "aqkol.billing.meter-check", defaultValue = "lenient")
               String mode) {
        this.metering = metering;
        this.mode = mode;
    }

    private record Answer(String meter, boolean unknown, Throwable failure) {
    }

    public Uni<Void> check(Collection<String> meters) {
        if (meters == null || meters.isEmpty() || "off".equals(mode)) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(List.copyOf(meters))
                .onItem().transformToUniAndConcatenate(meter -> metering.meter(meter)
                        .map(found -> new Answer(meter, false, null))
                        .onFailure().recoverWithItem(failure -> new Answer(meter,
                                failure instanceof WebApplicationException web
                                        && web.getResponse().getStatus() == 404, failure)))
                .collect().asList()
                .invoke(answers -> {
                    List<String> unknown = new ArrayList<>();
                    for (Answer a : answers) {
                        if (a.unknown()) {
                            unknown.add(a.meter());
                        } else if (a.failure() != null) {
                            if ("strict".equals(mode)) {
                                throw new ProblemException(ProblemType.UNAVAILABLE,
                                        "metering-service cannot confirm the meters now; try again later");
                            }
                            LOG.warnf("meter %s not checked, metering-service did not answer: %s", a.meter(),
                                    a.failure().toString());
                        }
                    }
                    if (!unknown.isEmpty()) {
                        throw new ProblemException(ProblemType.UNPROCESSABLE,
                                "meters unknown to metering-service: " + unknown,
                                List.of(new Problem.FieldError("meters", "unknown to metering-service: " + unknown)));
                    }
                })
                .replaceWithVoid();
    }
}
