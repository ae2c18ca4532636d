package kz.aqkol.alert.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.aqkol.alert.alert.Alert;
import kz.aqkol.platform.json.JsonText;

/**
 * What a webhook receives: Alertmanager's webhook shape (version 4: groupKey, status, receiver, groupLabels,
 * commonLabels, alerts), so tools written for Alertmanager read it, plus {@code kind} (GROUP, ESCALATION,
 * REMINDER) and, per alert, its id, occurrences and whether someone acknowledged it.
 */
@ApplicationScoped
public class Payloads {

    private final ObjectMapper json;

    Payloads(ObjectMapper json) {
        this.json = json;
    }

    public String render(String kind, String receiver, String groupKey, Map<String, String> groupLabels,
                         List<Alert> alerts, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("kind", kind);
        body.put("groupKey", groupKey);
        body.put("receiver", receiver);
        body.put("status", alerts.stream().anyMatch(Alert::isOpen) ? "firing" : "resolved");
        body.put("groupLabels", groupLabels);
        body.put("commonLabels", common(alerts));
        body.put("sentAt", now.toString());
        body.put("alerts", alerts.stream().map(Payloads::alert).toList());
        return JsonText.write(json, body);
    }

    private static Map<String, Object> alert(Alert a) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", a.id.toString());
        alert.put("fingerprint", a.fingerprint);
        alert.put("status", a.isOpen() ? "firing" : "resolved");
        alert.put("labels", a.matchLabels());
        alert.put("annotations", Map.of("summary", a.summary));
        alert.put("startsAt", a.firstSeen.toString());
        alert.put("endsAt", a.resolvedAt == null ? "0001-01-01T00:00:00Z" : a.resolvedAt.toString());
        alert.put("generatorURL", a.generatorUrl == null ? "" : a.generatorUrl);
        alert.put("occurrences", a.occurrences);
        alert.put("acknowledged", a.acknowledgedAt != null);
        return alert;
    }

    private static Map<String, String> common(List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new HashMap<>(alerts.get(0).matchLabels());
        for (Alert a : alerts) {
            Map<String, String> labels = a.matchLabels();
            common.entrySet().removeIf(entry -> !entry.getValue().equals(labels.get(entry.getKey())));
        }
        return new java.util.TreeMap<>(common);
    }
}
