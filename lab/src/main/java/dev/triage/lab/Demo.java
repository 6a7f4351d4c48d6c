package dev.triage.lab;

import dev.triage.lab.hosp.StaffLogin;

/** Texts the lab's commands print for a newcomer. */
final class Demo {

    static final String LOGINS =
            "staff logins (password = user name + \"" + StaffLogin.PASSWORD_SUFFIX + "\"): " + StaffLogin.summary();

    private Demo() {}
}
