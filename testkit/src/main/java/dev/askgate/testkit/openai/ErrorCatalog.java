package dev.askgate.testkit.openai;

/** OpenAI's error responses as the real API words them (status, type, code, message, headers). */
final class ErrorCatalog {
    private ErrorCatalog() {
    }

    static FakeError invalidApiKey() {
        return new FakeError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided: {key}. You can find your API key at "
                        + "https://platform.openai.com/account/api-keys.");
    }

    static FakeError permissionDenied() {
        return new FakeError(403, "request_forbidden", "unsupported_country_region_territory",
                "Country, region, or territory not supported");
    }

    static FakeError modelNotFound() {
        return new FakeError(404, "invalid_request_error", "model_not_found",
                "The model `{model}` does not exist or you do not have access to it.");
    }

    static FakeError contextLengthExceeded() {
        return new FakeError(400, "invalid_request_error", "context_length_exceeded",
                "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                        + "131072 tokens. Please reduce the length of the messages.", "messages",
                java.util.Map.of());
    }

    static FakeError badRequest() {
        return new FakeError(400, "invalid_request_error", null,
                "Invalid value for 'messages': the messages must not be empty.", "messages", java.util.Map.of());
    }

    static FakeError rateLimited() {
        return new FakeError(429, "tokens", "rate_limit_exceeded",
                "Rate limit reached for {model} in organization org-FAKE on tokens per min (TPM): Limit 30000, "
                        + "Used 29500, Requested 1200. Please try again in 1.4s. Visit "
                        + "https://platform.openai.com/account/rate-limits to learn more.")
                .header("x-ratelimit-limit-requests", "500")
                .header("x-ratelimit-remaining-requests", "499")
                .header("x-ratelimit-reset-requests", "120ms")
                .header("x-ratelimit-limit-tokens", "30000")
                .header("x-ratelimit-remaining-tokens", "0")
                .header("x-ratelimit-reset-tokens", "1.4s");
    }

    static FakeError insufficientQuota() {
        return new FakeError(429, "insufficient_quota", "insufficient_quota",
                "You exceeded your current quota, please check your plan and billing details. For more "
                        + "information on this error, read the docs: "
                        + "https://platform.openai.com/docs/guides/error-codes/api-errors.");
    }

    static FakeError requestTimeout() {
        return new FakeError(408, "timeout", null, "Request timed out.");
    }

    static FakeError conflict() {
        return new FakeError(409, "invalid_request_error", null,
                "The request could not be completed due to a conflict. Please try again.");
    }

    static FakeError serverError(int status) {
        return switch (status) {
            case 500 -> new FakeError(500, "server_error", null,
                    "The server had an error while processing your request. Sorry about that!");
            case 502 -> new FakeError(502, "cf_bad_gateway", "502", "Bad gateway.");
            case 503 -> new FakeError(503, "server_error", null,
                    "The engine is currently overloaded, please try again later");
            case 504 -> new FakeError(504, "cf_gateway_timeout", "504", "Gateway timeout.");
            default -> new FakeError(status, "server_error", null, "The server had an error processing your request.");
        };
    }

    /** The usual error for a status, so that {@code error(401)} reads like the real API. */
    static FakeError forStatus(int status) {
        return switch (status) {
            case 400 -> badRequest();
            case 401 -> invalidApiKey();
            case 403 -> permissionDenied();
            case 404 -> modelNotFound();
            case 408 -> requestTimeout();
            case 409 -> conflict();
            case 429 -> rateLimited();
            default -> status >= 500 ? serverError(status)
                    : new FakeError(status, "invalid_request_error", null, "The request was rejected.");
        };
    }
}
