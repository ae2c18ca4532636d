package kz.aqkol.devstack.launcher.demo;

/** One chapter of the demo's story: it acts on the services through their APIs and notes what the report needs. */
interface Step {

    void run(Story story) throws Exception;
}
