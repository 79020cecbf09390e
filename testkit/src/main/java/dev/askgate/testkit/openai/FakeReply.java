package dev.askgate.testkit.openai;

/** One scripted reply of {@link FakeOpenAi} to a Chat Completions request. */
public sealed interface FakeReply permits FakeAnswer, FakeError, KeyEcho, FakeReply.Disconnect {

    /** The connection is closed before any response byte is written. */
    record Disconnect() implements FakeReply { }
}
