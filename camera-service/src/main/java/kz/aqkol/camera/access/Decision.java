package kz.aqkol.camera.access;

import jakarta.validation.constraints.Size;

/** An auditor's note on approving or denying (optional). */
public record Decision(@Size(max = 1000) String note) {
}
