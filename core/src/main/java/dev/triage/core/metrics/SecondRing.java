package dev.triage.core.metrics;

/**
 * Per-second values of several columns for the most recent {@code retention} seconds, as floats in
 * chunks of an hour allocated when first written and dropped when they fall out of the ring: a quiet
 * column costs nothing, a busy one 4 bytes a second (24 hours: 86,400 points, about 338 KB).
 *
 * <p>Second {@code s} (since the epoch) is readable while {@code newest - retention < s <= newest}, where
 * {@code newest} is the newest second ever written; everything else reads as zero. Not thread-safe.
 */
final class SecondRing {

    static final int CHUNK = 3_600;

    private final int retention;
    private final int chunkCount;
    private final float[][][] chunks;
    private long newest = Long.MIN_VALUE;

    SecondRing(int columns, int retentionSeconds) {
        if (columns < 1 || retentionSeconds < 1) {
            throw new IllegalArgumentException(
                    "columns: " + columns + ", retention: " + retentionSeconds + " (expected: both > 0)");
        }
        this.retention = retentionSeconds;
        // One chunk more than the retention needs, so that the chunk being refilled holds only
        // seconds already out of the ring.
        this.chunkCount = Math.ceilDiv(retentionSeconds, CHUNK) + 1;
        this.chunks = new float[columns][chunkCount][];
    }

    int retention() {
        return retention;
    }

    boolean isEmpty() {
        return newest == Long.MIN_VALUE;
    }

    /** The newest second written, {@link Long#MIN_VALUE} when none. */
    long newest() {
        return newest;
    }

    /** The oldest second still readable. */
    long oldest() {
        return newest - retention + 1;
    }

    /** Adds to one second's value; false (nothing written) when the second is already out of the ring. */
    boolean add(int column, long second, float value) {
        if (!advance(second)) {
            return false;
        }
        if (value != 0) {
            chunk(column, second)[offset(second)] += value;
        }
        return true;
    }

    /** Sets one second's value; false (nothing written) when the second is already out of the ring. */
    boolean set(int column, long second, float value) {
        if (!advance(second)) {
            return false;
        }
        float[] chunk = value == 0 ? existing(column, second) : chunk(column, second);
        if (chunk != null) {
            chunk[offset(second)] = value;
        }
        return true;
    }

    float get(int column, long second) {
        if (isEmpty() || second > newest || second < oldest()) {
            return 0;
        }
        float[] chunk = existing(column, second);
        return chunk == null ? 0 : chunk[offset(second)];
    }

    /** Chunks allocated over every column, for tests and memory estimates. */
    int allocatedChunks() {
        int count = 0;
        for (float[][] column : chunks) {
            for (float[] chunk : column) {
                count += chunk == null ? 0 : 1;
            }
        }
        return count;
    }

    private boolean advance(long second) {
        if (isEmpty()) {
            newest = second;
            return true;
        }
        if (second <= newest) {
            return second >= oldest();
        }
        long firstNewChunk = Math.floorDiv(newest, CHUNK) + 1;
        long lastNewChunk = Math.floorDiv(second, CHUNK);
        if (lastNewChunk - firstNewChunk + 1 >= chunkCount) {
            for (float[][] column : chunks) {
                java.util.Arrays.fill(column, null);
            }
        } else {
            for (long c = firstNewChunk; c <= lastNewChunk; c++) {
                int slot = (int) Math.floorMod(c, (long) chunkCount);
                for (float[][] column : chunks) {
                    column[slot] = null;
                }
            }
        }
        newest = second;
        return true;
    }

    private float[] existing(int column, long second) {
        return chunks[column][slot(second)];
    }

    private float[] chunk(int column, long second) {
        int slot = slot(second);
        float[] chunk = chunks[column][slot];
        if (chunk == null) {
            chunk = new float[CHUNK];
            chunks[column][slot] = chunk;
        }
        return chunk;
    }

    private int slot(long second) {
        return (int) Math.floorMod(Math.floorDiv(second, CHUNK), (long) chunkCount);
    }

    private static int offset(long second) {
        return (int) Math.floorMod(second, (long) CHUNK);
    }
}
