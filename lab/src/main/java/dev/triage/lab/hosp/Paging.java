package dev.triage.lab.hosp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Query parameters of a list request: page (from 1), per_page (1..100, default 50), optional hospital_id. */
record Paging(int offset, int limit, long hospitalId) {
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 100;

    static Paging parse(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.put(key, value);
            }
        }
        int page = number(params, "page", 1, 1, 1_000_000);
        int perPage = number(params, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
        long hospitalId = number(params, "hospital_id", 0, 1, Integer.MAX_VALUE);
        return new Paging((page - 1) * perPage, perPage, hospitalId);
    }

    private static int number(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiError(400, "query " + name + ": \"" + text + "\" (expected: " + min + ".." + max + ")");
    }
}
