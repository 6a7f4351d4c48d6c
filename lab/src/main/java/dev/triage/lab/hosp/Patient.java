package dev.triage.lab.hosp;

import java.util.LinkedHashMap;
import java.util.Map;

record Patient(
        long id,
        long hospitalId,
        String name,
        String species,
        String breed,
        String ownerName,
        String createdAt,
        String updatedAt) {
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("hospital_id", hospitalId);
        view.put("name", name);
        view.put("species", species);
        view.put("breed", breed);
        view.put("owner_name", ownerName);
        view.put("created_at", createdAt);
        view.put("updated_at", updatedAt);
        view.put("url", "/patients/" + id);
        return view;
    }
}
