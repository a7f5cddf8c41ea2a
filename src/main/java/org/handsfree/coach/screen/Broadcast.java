package org.handsfree.coach.screen;

/**
 * The latest state of the screen, for any number of watchers. The loop publishes without waiting;
 * each watcher's thread takes the newest state when it can, so a slow page skips states instead of
 * holding up the coach.
 */
final class Broadcast {
    private String latest;
    private long version;
    private boolean closed;

    synchronized void publish(String state) {
        if (state.equals(latest)) {
            return;
        }
        latest = state;
        version++;
        notifyAll();
    }

    /**
     * The newest state and its version, once it is newer than {@code seen}; null on time-out, or when
     * closed and the watcher has had the last state.
     */
    synchronized Versioned await(long seen, long timeoutMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMillis;
        while (latest == null || version <= seen) {
            long left = until - System.currentTimeMillis();
            if (closed || left <= 0) {
                return null;
            }
            wait(left);
        }
        return new Versioned(latest, version);
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    record Versioned(String state, long version) {
    }
}
