package kz.aqkol.camera.event;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kz.aqkol.platform.jobs.UnlessStopping;

/**
 * The platform keeps refused messages whole in {@code dead_letter}. A refused detection (malformed, or from an
 * unknown camera) may carry a plate, which must not stay in clear: this job replaces the plate in stored dead letters
 * of the events channel by its keyed hash ({@code "plateHash":"…"}), or drops a payload it cannot rewrite safely.
 * It runs every few seconds, so a plate stays in the table only briefly; the copy published on the DLQ topic at
 * refusal time is beyond its reach (see docs/camera.md).
 */
@ApplicationScoped
public class DeadLetterScrubber {

    private static final Pattern PLATE = Pattern.compile("\"plate\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String FIND = """
            select id, payload from dead_letter
            where channel = 'camera-events' and position('"plate"'::bytea in payload) > 0 limit 500""";

    private final Pool pool;
    private final PlateHasher plates;

    DeadLetterScrubber(Pool pool, EventStore store) {
        this.pool = pool;
        this.plates = store.plates();
    }

    @Scheduled(every = "${aqkol.camera.scrub-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = UnlessStopping.class)
    public Uni<Void> scrub() {
        return pool.query(FIND).execute().chain(rows -> {
            List<Tuple> rewrites = new ArrayList<>();
            for (Row row : rows) {
                rewrites.add(Tuple.of(row.getUUID("id"),
                        io.vertx.core.buffer.Buffer.buffer(scrubbed(row.getBuffer("payload").getBytes()))));
            }
            return rewrites.isEmpty() ? Uni.createFrom().voidItem()
                    : pool.preparedQuery("update dead_letter set payload = $2 where id = $1").executeBatch(rewrites)
                    .replaceWithVoid();
        });
    }

    byte[] scrubbed(byte[] payload) {
        String text;
        try {
            text = UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return redacted();
        }
        Matcher m = PLATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("\"plateHash\":\"" + plates.hash(m.group(1)) + "\""));
        }
        m.appendTail(out);
        String result = out.toString();
        return result.contains("\"plate\"") ? redacted() : result.getBytes(UTF_8);
    }

    private static byte[] redacted() {
        return "{\"redacted\":\"the payload held a plate that could not be pseudonymised, so it was removed\"}"
                .getBytes(UTF_8);
    }
}
