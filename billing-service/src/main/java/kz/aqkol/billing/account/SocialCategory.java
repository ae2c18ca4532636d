package kz.aqkol.billing.account;

/** Social categories that tariffs may discount (as local law defines them). */
public enum SocialCategory {
    NONE, PENSIONER, DISABLED, LARGE_FAMILY, VETERAN
}
