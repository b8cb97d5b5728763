package com.quantumedge.supervisor.bench.risk;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link RuleEngineBenchmark} and prints evaluations per second per core and the ratio to the baseline. */
public final class RuleEngineBench {

    public static void main(String[] args) throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(RuleEngineBenchmark.class.getSimpleName())
                .threads(1)
                .build()).run();
        double full = 0;
        double baseline = 0;
        for (RunResult r : results) {
            double score = r.getPrimaryResult().getScore();
            if (r.getParams().getBenchmark().endsWith("fullRuleEngine")) {
                full = score;
            } else {
                baseline = score;
            }
        }
        System.out.printf("%nrule engine: %,.0f evaluations/s on one thread (target >= 2,000,000)%n", full);
        System.out.printf("baseline (original notional+leverage check): %,.0f/s; full engine is %.2fx the baseline's cost%n",
                baseline, baseline / full);
    }
}
