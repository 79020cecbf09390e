package dev.askgate.discord;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The last few thousand event ids seen, so that an event Discord replays is not answered twice. */
final class RecentIds {
    private final Set<String> ids;

    RecentIds(int capacity) {
        this.ids = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    /** Adds {@code id}; false when it was seen before. */
    boolean add(String id) {
        return ids.add(id);
    }
}
