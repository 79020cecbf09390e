package dev.askgate.bench;

import java.time.Instant;

/** One question of a burst: its number (it appears in the question's text), its channel, when it was sent. */
record BurstQuestion(int number, String channel, Instant sent) {
}
