package io.jenkins.plugins.bluegreen.steps;

import hudson.Extension;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code blueGreenDeployWithSmokeTests}: {@code blueGreenDeploy} with a required block, run after the
 * new color passed its health gate and before traffic moves. A failing block stops the new color and
 * leaves traffic where it was. A step of its own because workflow-cps' {@code DSL.invokeStep} refuses
 * a call without a body whenever the descriptor takes one: one step cannot make its block optional.
 * Its form, help and parameters are {@code blueGreenDeploy}'s, found along the class hierarchy.
 */
public class BlueGreenDeployWithSmokeTestsStep extends BlueGreenDeployStep {
    static final String FUNCTION = "blueGreenDeployWithSmokeTests";

    @DataBoundConstructor
    public BlueGreenDeployWithSmokeTestsStep(final String version) {
        super(version);
    }

    @Extension
    public static final class DescriptorImpl extends WindowedStepDescriptor {
        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Blue-green deploy with smoke tests: boot on the idle color, gate, run the block, switch traffic";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
