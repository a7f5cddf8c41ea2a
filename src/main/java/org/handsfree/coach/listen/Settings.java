package org.handsfree.coach.listen;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The recognizer's settings from {@code acoustic/rejection.properties}, with typed access. */
final class Settings {
    static final String RESOURCE = "/acoustic/rejection.properties";

    private final Map<String, String> values;

    Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    static Settings builtIn() {
        try (InputStream in = Settings.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the recognizer settings are missing from the jar");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the recognizer settings: " + e.getMessage(), e);
        }
    }

    static Settings read(Reader reader) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        Map<String, String> m = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return new Settings(m);
    }

    double number(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("recognizer setting '" + key + "' is missing");
        }
        return Double.parseDouble(v);
    }

    /** A number, or {@code fallback} when it is absent (a setting added after the file was written). */
    double number(String key, double fallback) {
        return values.containsKey(key) ? number(key) : fallback;
    }

    /** A setting that is text, or {@code fallback} when it is absent. */
    String text(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** The settings Sphinx4's XML refers to as ${name}: those without a dot. */
    Map<String, String> decoderProperties() {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (!k.contains(".")) {
                m.put(k, v);
            }
        });
        return m;
    }

    Settings with(String key, String value) {
        Map<String, String> m = new TreeMap<>(values);
        m.put(key, value);
        return new Settings(m);
    }
}
