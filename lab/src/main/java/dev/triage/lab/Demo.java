package dev.triage.lab;

/** Texts the lab's commands print for a newcomer. */
final class Demo {

    static final String LOGINS = """
            staff logins (password = user name + "-pass"): dr.alvarez (doctor), nurse.baker (nurse),
              admin.chen (admin), reception.diaz (receptionist)""";

    private Demo() {}
}
