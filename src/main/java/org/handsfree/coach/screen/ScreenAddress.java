package org.handsfree.coach.screen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the screen listens: {@code --screen}, {@code --screen PORT} or {@code --screen HOST:PORT}
 * ({@code [::1]:PORT} for an IPv6 address). Without a host it is 127.0.0.1, this machine only.
 *
 * @param portChosen false when no port was given, so another can be taken if the usual one is busy
 */
public record ScreenAddress(String host, InetAddress address, int port, boolean portChosen) {
    /** The port used when none is given. */
    public static final int DEFAULT_PORT = 8765;
    private static final Pattern FORM = Pattern.compile("(?:(\\[[^\\]]+\\]|[^:\\[\\]]+):)?(\\d{1,5})|(\\[[^\\]]+\\]|[^:\\[\\]]+)");

    /**
     * Reads the value of {@code --screen} (empty when none was given).
     *
     * @throws IllegalArgumentException with a one-line message naming the bad value
     */
    public static ScreenAddress parse(String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            return loopback(DEFAULT_PORT, false);
        }
        Matcher m = FORM.matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("--screen must be PORT or HOST:PORT, e.g. 8765 or 0.0.0.0:8765, got '"
                    + value + "'");
        }
        String host = m.group(1) != null ? m.group(1) : m.group(3);
        boolean portChosen = m.group(2) != null;
        int port = DEFAULT_PORT;
        if (portChosen) {
            port = Integer.parseInt(m.group(2));
            if (port > 65535) {
                throw new IllegalArgumentException("--screen port must be 0 to 65535, got " + port);
            }
        }
        if (host == null) {
            return loopback(port, portChosen);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        try {
            return new ScreenAddress(bare, InetAddress.getByName(bare), port, portChosen);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--screen: unknown host '" + bare + "'", e);
        }
    }

    private static ScreenAddress loopback(int port, boolean chosen) {
        return new ScreenAddress("127.0.0.1", InetAddress.getLoopbackAddress(), port, chosen);
    }

    /** True when only this machine can reach it; any other address needs the token. */
    public boolean local() {
        return address.isLoopbackAddress();
    }
}
