package dev.askgate.core.model;

/**
 * Why an answer failed, by who failed: the model (its {@link ModelError}) or Askgate itself ({@link BotFault}).
 * Sealed, so that every wording of a failure says whose problem it was and a fault of the bot is never told as
 * an outage of OpenAI.
 */
public sealed interface FailureCause permits ModelError, BotFault {
}
