package dev.vigil.cib.haresources;

import java.util.HashSet;
import java.util.Set;

/** Valid, unique ids for imported resources: other characters become {@code _}, repeats get {@code _2}, {@code _3}… */
final class Ids {
    private final Set<String> taken = new HashSet<>();

    String next(String base) {
        StringBuilder sb = new StringBuilder();
        for (char c : base.toCharArray()) {
            sb.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-') ? c : '_');
        }
        String id = sb.toString().replaceAll("_+", "_").replaceAll("_$", "");
        if (id.isEmpty() || !(Character.isLetter(id.charAt(0)) || id.charAt(0) == '_')) {
            id = "r_" + id;
        }
        String candidate = id;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = id + "_" + i;
        }
        return candidate;
    }
}
