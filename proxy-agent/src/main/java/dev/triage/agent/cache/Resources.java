package dev.triage.agent.cache;

import java.util.List;

/**
 * Resource paths as the write index sees them: no trailing slash, no ".json" suffix, so that
 * /hospitals/3, /hospitals/3/ and /hospitals/3.json are one resource.
 */
final class Resources {

    private static final String JSON = ".json";

    private Resources() {}

    static String normalize(String path) {
        String resource = path.isEmpty() ? "/" : path;
        while (resource.length() > 1 && resource.endsWith("/")) {
            resource = resource.substring(0, resource.length() - 1);
        }
        if (resource.endsWith(JSON) && resource.length() > JSON.length() + 1) {
            resource = resource.substring(0, resource.length() - JSON.length());
        }
        return resource;
    }

    /** The resource a write to this path changes, and the collection that lists it. */
    static List<String> writtenBy(String path) {
        String resource = normalize(path);
        if (resource.equals("/")) {
            return List.of(resource);
        }
        int slash = resource.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : resource.substring(0, slash);
        return List.of(resource, parent);
    }
}
