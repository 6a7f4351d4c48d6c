package dev.triage.lab.hosp;

import java.util.LinkedHashMap;
import java.util.Map;

/** A staff member; the password is never rendered. */
record Staff(
        long id,
        long hospitalId,
        String name,
        String username,
        String password,
        Role role,
        String email,
        String createdAt,
        String updatedAt) {
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("hospital_id", hospitalId);
        view.put("name", name);
        view.put("username", username);
        view.put("role", role.jsonName());
        view.put("email", email);
        view.put("created_at", createdAt);
        view.put("updated_at", updatedAt);
        view.put("url", "/staffs/" + id);
        return view;
    }
}
