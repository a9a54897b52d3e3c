package dev.ovnet.planner.model;

import java.util.Comparator;

/**
 * What makes two kernel objects "the same object" on one host: a diff pairs objects by key. Keys sort by
 * phase, then kind, then id in natural order (numbers inside ids compare as numbers, so 10.0.9.0/24 sorts
 * before 10.0.10.0/24).
 */
public record ObjectKey(Phase phase, String kind, String id) implements Comparable<ObjectKey> {

    private static final Comparator<ObjectKey> ORDER = Comparator.comparing(ObjectKey::phase)
            .thenComparing(ObjectKey::kind)
            .thenComparing(ObjectKey::id, ObjectKey::compareNatural);

    @Override
    public int compareTo(ObjectKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return kind + " " + id;
    }

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                while (si < i - 1 && a.charAt(si) == '0') {
                    si++;
                }
                while (sj < j - 1 && b.charAt(sj) == '0') {
                    sj++;
                }
                int byLength = Integer.compare(i - si, j - sj);
                if (byLength != 0) {
                    return byLength;
                }
                for (int k = 0; k < i - si; k++) {
                    int byDigit = Character.compare(a.charAt(si + k), b.charAt(sj + k));
                    if (byDigit != 0) {
                        return byDigit;
                    }
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        // "1" and "01" are equal numbers but different ids: fall back to the text so the order agrees with equals
        return byRest != 0 ? byRest : a.compareTo(b);
    }
}
