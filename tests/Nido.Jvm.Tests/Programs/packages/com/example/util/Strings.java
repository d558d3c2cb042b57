package com.example.util;

public final class Strings {
    private Strings() { }

    public static String shout(String s) { return s.toUpperCase(java.util.Locale.ROOT) + "!"; }

    public static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) sb.append('.');
        return sb.toString();
    }
}
