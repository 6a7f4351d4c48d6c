package dev.triage.lab.hosp;

import java.util.LinkedHashMap;
import java.util.Map;

record Hospital(long id, String name, String address, String phone, String createdAt, String updatedAt) {
    Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("name", name);
        view.put("address", address);
        view.put("phone", phone);
        view.put("created_at", createdAt);
        view.put("updated_at", updatedAt);
        view.put("url", "/hospitals/" + id);
        return view;
    }
}
