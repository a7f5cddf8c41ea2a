package org.handsfree.coach.voice;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A pronouncing lexicon (entry key to its phones) held in a few flat arrays instead of a hash map: the
 * voice's 65,000-entry lexicon took about 9 MB of the coach's heap as a map of strings to string arrays,
 * and takes about 1.5 MB so. Read-only; a lookup is a binary search over the sorted keys, and gives a new
 * array of the same phone strings the map held.
 */
final class CompactLexicon extends AbstractMap<String, String[]> {
    /** Every key, sorted, one after the other; key i runs from keyStart[i] to keyStart[i + 1]. */
    private final String keys;
    private final int[] keyStart;
    /** Each entry's phones as indexes into {@link #phoneNames}; entry i's from phoneStart[i] to phoneStart[i + 1]. */
    private final byte[] phones;
    private final int[] phoneStart;
    private final String[] phoneNames;

    private CompactLexicon(String keys, int[] keyStart, byte[] phones, int[] phoneStart, String[] phoneNames) {
        this.keys = keys;
        this.keyStart = keyStart;
        this.phones = phones;
        this.phoneStart = phoneStart;
        this.phoneNames = phoneNames;
    }

    /**
     * The same entries as {@code lexicon}, whose values are phone arrays.
     *
     * @throws IllegalArgumentException when a value is not an array of strings, or there are more than 256 phones
     */
    static CompactLexicon of(Map<?, ?> lexicon) {
        String[] sorted = new String[lexicon.size()];
        int n = 0;
        for (Object k : lexicon.keySet()) {
            sorted[n++] = (String) k;
        }
        Arrays.sort(sorted);
        StringBuilder keys = new StringBuilder();
        int[] keyStart = new int[n + 1];
        int[] phoneStart = new int[n + 1];
        Map<String, Integer> phoneIndex = new HashMap<>();
        List<String> phoneNames = new ArrayList<>();
        byte[] phones = new byte[n * 8];
        int p = 0;
        for (int i = 0; i < n; i++) {
            keyStart[i] = keys.length();
            keys.append(sorted[i]);
            if (!(lexicon.get(sorted[i]) instanceof String[] value)) {
                throw new IllegalArgumentException("the lexicon's entry '" + sorted[i] + "' is not an array of phones");
            }
            phoneStart[i] = p;
            for (String phone : value) {
                Integer at = phoneIndex.get(phone);
                if (at == null) {
                    at = phoneNames.size();
                    if (at > 255) {
                        throw new IllegalArgumentException("the lexicon has more than 256 phones");
                    }
                    phoneIndex.put(phone, at);
                    phoneNames.add(phone);
                }
                if (p == phones.length) {
                    phones = Arrays.copyOf(phones, phones.length * 2);
                }
                phones[p++] = (byte) (int) at;
            }
        }
        keyStart[n] = keys.length();
        phoneStart[n] = p;
        return new CompactLexicon(keys.toString(), keyStart, Arrays.copyOf(phones, p), phoneStart,
                phoneNames.toArray(String[]::new));
    }

    @Override
    public String[] get(Object key) {
        int i = key instanceof String k ? find(k) : -1;
        return i < 0 ? null : value(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String k && find(k) >= 0;
    }

    @Override
    public int size() {
        return keyStart.length - 1;
    }

    @Override
    public Set<Entry<String, String[]>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String[]>> iterator() {
                return new Iterator<>() {
                    private int i;

                    @Override
                    public boolean hasNext() {
                        return i < size();
                    }

                    @Override
                    public Entry<String, String[]> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, String[]> e = new SimpleImmutableEntry<>(key(i), value(i));
                        i++;
                        return e;
                    }
                };
            }

            @Override
            public int size() {
                return CompactLexicon.this.size();
            }
        };
    }

    private String key(int i) {
        return keys.substring(keyStart[i], keyStart[i + 1]);
    }

    private String[] value(int i) {
        String[] out = new String[phoneStart[i + 1] - phoneStart[i]];
        for (int j = 0; j < out.length; j++) {
            out[j] = phoneNames[phones[phoneStart[i] + j] & 0xff];
        }
        return out;
    }

    /** The index of {@code key}, or -1. */
    private int find(String key) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Key i against {@code key}, as {@link String#compareTo} orders them. */
    private int compare(int i, String key) {
        int from = keyStart[i];
        int length = keyStart[i + 1] - from;
        int common = Math.min(length, key.length());
        for (int j = 0; j < common; j++) {
            int c = keys.charAt(from + j) - key.charAt(j);
            if (c != 0) {
                return c;
            }
        }
        return length - key.length();
    }
}
