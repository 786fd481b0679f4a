package io.heartline.notify;

import java.text.Normalizer;
import java.util.Map;

/**
 * The GSM 03.38 7-bit alphabet: what fits in a plain 160-character SMS. {@link #transliterate}
 * replaces everything else (accents dropped, typographic quotes and dashes made plain, the rest
 * {@code ?}) so that {@link #septets} is an honest count of what the phone network will carry.
 */
final class Gsm7 {
    /** The basic character set (without the escape code 0x1B). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: each of these costs two septets (escape + code). */
    static final String EXTENDED = "^{}\\[~]|€";

    private static final Map<Integer, String> REPLACEMENTS = Map.ofEntries(
            Map.entry((int) '\t', " "), Map.entry(0x00A0, " "), Map.entry(0x2007, " "), Map.entry(0x202F, " "),
            Map.entry(0x2018, "'"), Map.entry(0x2019, "'"), Map.entry(0x201A, "'"), Map.entry(0x2032, "'"),
            Map.entry((int) '`', "'"), Map.entry(0x00B4, "'"),
            Map.entry(0x201C, "\""), Map.entry(0x201D, "\""), Map.entry(0x201E, "\""), Map.entry(0x2033, "\""),
            Map.entry(0x00AB, "\""), Map.entry(0x00BB, "\""),
            Map.entry(0x2010, "-"), Map.entry(0x2011, "-"), Map.entry(0x2012, "-"), Map.entry(0x2013, "-"),
            Map.entry(0x2014, "-"), Map.entry(0x2212, "-"),
            Map.entry(0x2026, "..."), Map.entry(0x2022, "*"), Map.entry(0x00D7, "x"), Map.entry(0x2192, "->"),
            Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "L"), Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "D"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'þ', "th"), Map.entry((int) 'Þ', "Th"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "OE"), Map.entry((int) 'ı', "i"),
            Map.entry((int) 'ç', "c"));

    private Gsm7() {
    }

    static boolean isGsm(int codePoint) {
        return codePoint < 0x10000 && (BASIC.indexOf(codePoint) >= 0 || EXTENDED.indexOf(codePoint) >= 0);
    }

    /** The text with every character outside the GSM 7-bit alphabet replaced. */
    static String transliterate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.append(replacement(cp)));
        return out.toString();
    }

    private static String replacement(int cp) {
        if (isGsm(cp)) {
            return Character.toString(cp);
        }
        String fixed = REPLACEMENTS.get(cp);
        if (fixed != null) {
            return fixed;
        }
        String decomposed = Normalizer.normalize(Character.toString(cp), Normalizer.Form.NFD);
        int base = decomposed.codePointAt(0);
        if (base != cp && isGsm(base)) {
            return Character.toString(base);
        }
        return "?";
    }

    /** Septets the (already transliterated) text needs: two for each extension character. */
    static int septets(String gsmText) {
        int n = 0;
        for (int i = 0; i < gsmText.length(); i++) {
            n += EXTENDED.indexOf(gsmText.charAt(i)) >= 0 ? 2 : 1;
        }
        return n;
    }

    /** The longest prefix of the (already transliterated) text that fits in {@code maxSeptets}. */
    static String prefix(String gsmText, int maxSeptets) {
        int n = 0;
        for (int i = 0; i < gsmText.length(); i++) {
            n += EXTENDED.indexOf(gsmText.charAt(i)) >= 0 ? 2 : 1;
            if (n > maxSeptets) {
                return gsmText.substring(0, i);
            }
        }
        return gsmText;
    }
}
