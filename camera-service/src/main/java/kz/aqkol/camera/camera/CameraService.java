package kz.aqkol.camera.camera;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kz.aqkol.camera.access.Actor;
import kz.aqkol.contracts.CameraStatus;
import kz.aqkol.platform.audit.AuditLog;
import kz.aqkol.platform.messaging.Inbound;
import kz.aqkol.platform.messaging.Refusal;
import kz.aqkol.platform.problem.ProblemException;

/** Zones and cameras, and what the cameras' heartbeats say about them. */
@ApplicationScoped
public class CameraService {

    private final CameraRepository cameras;
    private final ZoneRepository zones;
    private final AuditLog audit;
    private final Clock clock;

    CameraService(CameraRepository cameras, ZoneRepository zones, AuditLog audit, Clock clock) {
        this.cameras = cameras;
        this.zones = zones;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Zone> createZone(Actor actor, ZoneRequest request) {
        return zones.findById(request.id()).chain(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("zone " + request.id() + " exists already");
            }
            if ((request.restrictedFrom() == null) != (request.restrictedUntil() == null)) {
                throw ProblemException.invalid(request.restrictedFrom() == null ? "restrictedFrom" : "restrictedUntil",
                        "must be given together with the other end of the restricted hours");
            }
            if (request.restrictedFrom() != null && request.privacyClass() != PrivacyClass.RESTRICTED) {
                throw ProblemException.invalid("restrictedFrom", "applies only to RESTRICTED zones");
            }
            Zone zone = new Zone();
            zone.restrictedFrom = request.restrictedFrom();
            zone.restrictedUntil = request.restrictedUntil();
            zone.id = request.id();
            zone.name = request.name();
            zone.privacyClass = request.privacyClass();
            zone.createdAt = Instant.now(clock);
            // a zone's class drives retention and who may see what, its hours the intrusion rule: a policy change
            return zones.persist(zone).call(() -> audit.append(actor.did("ZONE_CREATE", "zone", zone.id, null,
                    "privacyClass=" + zone.privacyClass + (zone.restrictedFrom == null ? ""
                            : "; restricted " + zone.restrictedFrom + "-" + zone.restrictedUntil))));
        });
    }

    @WithSession
    public Uni<List<Zone>> zones() {
        return zones.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    @WithTransaction
    public Uni<Camera> register(Actor actor, CameraRequest request) {
        return zones.findById(request.zone())
                .invoke(zone -> {
                    if (zone == null) {
                        throw ProblemException.invalid("zone", "is not a known zone");
                    }
                })
                .chain(() -> cameras.findById(request.id()))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("camera " + request.id() + " is already registered");
                    }
                    Camera camera = new Camera();
                    camera.id = request.id();
                    camera.name = request.name();
                    camera.location = request.location();
                    camera.zoneId = request.zone();
                    camera.kind = request.kind();
                    camera.latitude = request.latitude();
                    camera.longitude = request.longitude();
                    camera.streamUrl = request.streamUrl();
                    camera.createdAt = Instant.now(clock);
                    return cameras.persist(camera).call(() -> audit.append(actor.did("CAMERA_REGISTER", "camera",
                            camera.id, null, "zone=" + camera.zoneId + "; kind=" + camera.kind)));
                });
    }

    @WithSession
    public Uni<Camera> find(String id) {
        return cameras.findById(id);
    }

    /** A camera's live stream, for an operator: audited as STREAM_READ before it is answered. */
    @WithTransaction
    public Uni<StreamView> stream(Actor actor, String id) {
        return cameras.findById(id).chain(camera -> {
            if (camera == null || camera.streamUrl == null) {
                throw ProblemException.notFound("stream of camera", id);
            }
            return audit.append(actor.did("STREAM_READ", "camera", id, null, "zone=" + camera.zoneId))
                    .replaceWith(new StreamView(camera.id, camera.streamUrl));
        });
    }

    @WithSession
    public Uni<List<Camera>> page(String zone, String after, int rows) {
        return cameras.page(zone, after, rows);
    }

    /** Heartbeats, in order: the newest one per camera wins; an unknown camera's is refused. */
    @WithTransaction
    public Uni<List<Refusal>> heartbeats(List<Inbound<CameraStatus>> batch) {
        List<Refusal> refused = new ArrayList<>();
        return Multi.createFrom().iterable(batch)
                .onItem().transformToUniAndConcatenate(inbound -> cameras.findById(inbound.deviceId())
                        .invoke(camera -> {
                            if (camera == null) {
                                refused.add(Refusal.of(inbound, null, "unknown camera " + inbound.deviceId()));
                            } else {
                                beat(camera, inbound.message());
                            }
                        }))
                .collect().last()
                .map(done -> refused);
    }

    private static void beat(Camera camera, CameraStatus status) {
        if (camera.lastSeen != null && !status.occurredAt().isAfter(camera.lastSeen)) {
            return; // an older heartbeat arriving late says nothing new
        }
        camera.lastSeen = status.occurredAt();
        camera.online = status.online();
        camera.firmware = status.firmware();
        camera.storageFreePct = status.storageFreePct();
    }
}
