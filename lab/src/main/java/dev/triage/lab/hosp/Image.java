package dev.triage.lab.hosp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An uploaded image; its analysis shows once {@code readyAtNanos} has passed on the store's ticker. */
record Image(
        long id,
        long patientId,
        long uploadedBy,
        String filename,
        String contentType,
        long sizeBytes,
        long readyAtNanos,
        List<String> findings,
        double confidence,
        String createdAt,
        String readyAt) {
    Map<String, Object> view(long nowNanos) {
        boolean ready = nowNanos - readyAtNanos >= 0;
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("patient_id", patientId);
        view.put("uploaded_by", uploadedBy);
        view.put("filename", filename);
        view.put("content_type", contentType);
        view.put("size_bytes", sizeBytes);
        view.put("status", ready ? "done" : "processing");
        if (ready) {
            Map<String, Object> analysis = new LinkedHashMap<>();
            analysis.put("findings", findings);
            analysis.put("confidence", confidence);
            analysis.put("model", "hosp-vision-2");
            view.put("analysis", analysis);
        } else {
            view.put("analysis", null);
        }
        view.put("created_at", createdAt);
        view.put("updated_at", ready ? readyAt : createdAt);
        view.put("url", "/images/" + id);
        return view;
    }
}
