package dev.demarc.core.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The parameter values of one object as a Get reads them: names and values side by side in
 * schema order, immutable once built. A Get of a whole gateway makes a thousand of these, so
 * they are two arrays rather than a hash map (an object has at most a few dozen parameters: a
 * look-up by name is a short scan). Iterate with {@link #size()}, {@link #name(int)} and
 * {@link #value(int)} to read them without an entry per parameter.
 */
public final class ParameterValues extends AbstractMap<String, String> {

    private final String[] names;
    /** The names in UTF-8 when the data model gave them (shared, only read), else null. */
    private final byte[][] namesUtf8;
    private final String[] values;
    private final int size;
    private Set<Entry<String, String>> entries;

    private ParameterValues(String[] names, byte[][] namesUtf8, String[] values, int size) {
        this.names = names;
        this.namesUtf8 = namesUtf8;
        this.values = values;
        this.size = size;
    }

    /**
     * The values of one object read whole: {@code values[i]} is the value of {@code names[i]},
     * null for a parameter left out; {@code count} values are not null. {@code names} may be
     * shared (it is only read); {@code values} is the new map's own.
     */
    static ParameterValues of(String[] names, byte[][] namesUtf8, String[] values, int count) {
        if (count == names.length) {
            return new ParameterValues(names, namesUtf8, values, count);
        }
        String[] n = new String[count];
        byte[][] u = new byte[count][];
        String[] v = new String[count];
        int j = 0;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                n[j] = names[i];
                u[j] = namesUtf8[i];
                v[j++] = values[i];
            }
        }
        return new ParameterValues(n, u, v, count);
    }

    /**
     * Whether {@link #of} would make this map from {@code names}, {@code values} and {@code
     * count}, the values compared by reference, not content: the data model's cheap test before
     * it makes a new map for an object whose values it has just read.
     */
    boolean holds(String[] names, String[] values, int count) {
        if (size != count) {
            return false;
        }
        if (this.names == names) {
            for (int i = 0; i < count; i++) {
                if (this.values[i] != values[i]) {
                    return false;
                }
            }
            return true;
        }
        // Made from fewer values than names: those not null, in order, under the same name strings.
        int j = 0;
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                if (j == size || this.names[j] != names[i] || this.values[j] != values[i]) {
                    return false;
                }
                j++;
            }
        }
        return j == size;
    }

    /**
     * {@code value}, the value of {@code names[i]} read again, or this map's value of that name
     * when it is equal to it: a value that did not change becomes the string of the last read,
     * which {@link #holds} then finds by reference.
     */
    String sameOrEarlier(String[] names, int i, String value) {
        String earlier;
        if (this.names == names && size == names.length) {
            earlier = values[i];
        } else {
            earlier = null;   // made from fewer values than names: found by the very name string
            for (int k = 0; k < size; k++) {
                if (this.names[k] == names[i]) {
                    earlier = values[k];
                    break;
                }
            }
        }
        return earlier != value && value.equals(earlier) ? earlier : value;
    }

    /** The values of {@code map}, in its iteration order. */
    public static ParameterValues copyOf(Map<String, String> map) {
        if (map instanceof ParameterValues p) {
            return p;
        }
        Builder b = new Builder(map.size());
        map.forEach(b::put);
        return b.build();
    }

    @Override
    public int size() {
        return size;
    }

    /** The name of the {@code i}-th parameter. */
    public String name(int i) {
        Objects.checkIndex(i, size);
        return names[i];
    }

    /**
     * The name of the {@code i}-th parameter in UTF-8, as an encoder writes it: the data model
     * encodes each name once and every answer shares the array, so read it and never change it.
     */
    public byte[] nameUtf8(int i) {
        Objects.checkIndex(i, size);
        if (namesUtf8 != null) {
            return namesUtf8[i];
        }
        return names[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The value of the {@code i}-th parameter. */
    public String value(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    /**
     * Whether {@code other} holds the same parameters with equal values in the same order: what
     * an encoder checks before it reuses the bytes it wrote for {@code other}. Names and values
     * the data model shares compare by reference before by content.
     */
    public boolean sameAs(ParameterValues other) {
        if (other == this) {
            return true;
        }
        if (other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            String name = names[i];
            String otherName = other.names[i];
            String value = values[i];
            String otherValue = other.values[i];
            if (name != otherName && !name.equals(otherName) || value != otherValue && !value.equals(otherValue)) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public String get(Object name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        if (entries == null) {
            entries = new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, String> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(names[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
        return entries;
    }

    /**
     * Collects the values of one object. A name put twice keeps its first place and takes the
     * last value, as a map would.
     */
    public static final class Builder {
        private String[] names;
        private String[] values;
        private int size;

        public Builder(int expected) {
            names = new String[Math.max(1, expected)];
            values = new String[names.length];
        }

        public Builder put(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    values[i] = value;
                    return this;
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
            return this;
        }

        public boolean isEmpty() {
            return size == 0;
        }

        /** The values; the builder is not used after this. */
        public ParameterValues build() {
            String[] n = names;
            String[] v = values;
            names = null;
            values = null;
            return new ParameterValues(n, null, v, size);
        }
    }
}
