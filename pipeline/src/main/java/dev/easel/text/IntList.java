package dev.easel.text;

import java.util.Arrays;

/** A growable int array, to avoid boxing in the tokenizer's inner loops. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) { values = new int[Math.max(4, capacity)]; }

    void add(int v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    void addAll(int[] vs) {
        if (size + vs.length > values.length) values = Arrays.copyOf(values, Math.max(size * 2, size + vs.length));
        System.arraycopy(vs, 0, values, size, vs.length);
        size += vs.length;
    }

    int size() { return size; }

    int get(int i) { return values[i]; }

    void set(int i, int v) { values[i] = v; }

    int[] toArray() { return Arrays.copyOf(values, size); }
}
