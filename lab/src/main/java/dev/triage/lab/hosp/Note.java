package dev.triage.lab.hosp;

import java.util.LinkedHashMap;
import java.util.Map;

record Note(long id, long patientId, long authorId, String text, String createdAt, String updatedAt) {
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("patient_id", patientId);
        view.put("author_id", authorId);
        view.put("text", text);
        view.put("created_at", createdAt);
        view.put("updated_at", updatedAt);
        view.put("url", "/patients/" + patientId + "/notes/" + id);
        return view;
    }
}
