package dev.triage.core.domain;

/** Where a resource lives: the account and the region ("lab" and "local" for the lab). */
public record Place(String accountId, String region) {

    public Place {
        Validation v = Validation.of("place");
        v.present("accountId", accountId, "an account id");
        v.present("region", region, "a region such as eu-west-1");
        v.throwIfInvalid();
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
