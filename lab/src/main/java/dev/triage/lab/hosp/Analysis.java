package dev.triage.lab.hosp;

import java.util.List;
import java.util.SplittableRandom;

/** HOSP's "image analysis": findings and a confidence, derived from the image so they never change. */
final class Analysis {
    private static final List<String> FINDINGS = List.of(
            "no acute abnormality",
            "soft tissue swelling",
            "fracture of the radius",
            "dental calculus",
            "foreign body in the stomach",
            "enlarged heart silhouette",
            "pulmonary nodule",
            "hip dysplasia",
            "bladder stone",
            "mild arthritis");

    private Analysis() {}

    static List<String> findings(long imageId, long sizeBytes) {
        SplittableRandom random = new SplittableRandom(imageId * 31 + sizeBytes);
        int count = 1 + random.nextInt(3);
        return random.ints(0, FINDINGS.size())
                .distinct()
                .limit(count)
                .mapToObj(FINDINGS::get)
                .toList();
    }

    static double confidence(long imageId, long sizeBytes) {
        SplittableRandom random = new SplittableRandom(imageId * 17 + sizeBytes + 1);
        return Math.round((0.6 + random.nextDouble() * 0.39) * 100) / 100.0;
    }
}
