package io.shop.validation;

import java.util.Locale;
import java.util.regex.Pattern;

public final class PostalCode {

    public enum Country {
        US("\\d{5}(-\\d{4})?"),
        NL("\\d{4} ?[A-Z]{2}"),
        GB("[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}");

        private final Pattern pattern;

        Country(String regex) {
            this.pattern = Pattern.compile(regex);
        }
    }

    private PostalCode() {
    }

    public static boolean isValid(Country country, String code) {
        return code != null && country.pattern.matcher(code.strip().toUpperCase(Locale.ROOT)).matches();
    }
}
