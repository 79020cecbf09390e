package dev.askgate.core.openai;

import okhttp3.HttpUrl;

import java.net.URI;

/**
 * The API base URL ({@code OPENAI_BASE_URL}) as requests and people need it. Requests: an API path is appended to
 * the base's path and the base's query (Azure's {@code ?api-version=}, a proxy's {@code ?api-key=}) is kept.
 * People: user-info and every query value are replaced, since either may carry a credential.
 */
public final class BaseUrl {
    private static final String REDACTED = "[redacted]";

    private BaseUrl() {
    }

    /** The URL of {@code path} (such as {@code /chat/completions}) under {@code base}, with the base's query. */
    static String endpoint(URI base, String path) {
        HttpUrl url = HttpUrl.get(base.toString());
        HttpUrl.Builder builder = url.newBuilder().fragment(null);
        int last = url.pathSize() - 1;
        if (last >= 0 && url.pathSegments().get(last).isEmpty()) builder.removePathSegment(last);
        return builder.addEncodedPathSegments(path.startsWith("/") ? path.substring(1) : path).build().toString();
    }

    /** {@code base} for logs, {@code /readyz} and {@code check}: {@code https://[redacted]@host/v1?api-key=[redacted]}. */
    public static String redacted(URI base) {
        String userInfo = base.getRawUserInfo();
        String query = base.getRawQuery();
        if (userInfo == null && query == null && base.getRawFragment() == null) return base.toString();
        String authority = base.getRawAuthority() == null ? "" : base.getRawAuthority();
        if (userInfo != null) authority = REDACTED + "@" + authority.substring(userInfo.length() + 1);
        StringBuilder out = new StringBuilder(base.getScheme()).append("://").append(authority)
                .append(base.getRawPath() == null ? "" : base.getRawPath());
        if (query != null) {
            String separator = "?";
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                out.append(separator).append(eq < 0 ? pair : pair.substring(0, eq + 1) + REDACTED);
                separator = "&";
            }
        }
        return out.toString();
    }
}
