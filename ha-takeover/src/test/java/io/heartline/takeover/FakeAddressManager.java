package io.heartline.takeover;

import io.heartline.core.config.VipConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** An in-memory AddressManager that records calls and fails on chosen VIPs. */
final class FakeAddressManager implements AddressManager {
    final Set<VipConfig> present = new HashSet<>();
    final Set<VipConfig> failing = new HashSet<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public void add(VipConfig vip) throws TakeoverException {
        calls.add("add " + vip);
        check(vip, "add");
        present.add(vip);
    }

    @Override
    public boolean remove(VipConfig vip) throws TakeoverException {
        calls.add("remove " + vip);
        check(vip, "remove");
        return present.remove(vip);
    }

    @Override
    public boolean isPresent(VipConfig vip) throws TakeoverException {
        calls.add("isPresent " + vip);
        check(vip, "look for");
        return present.contains(vip);
    }

    private void check(VipConfig vip, String op) throws TakeoverException {
        if (failing.contains(vip)) {
            throw new TakeoverException("cannot " + op + " " + vip + ": no such interface '" + vip.iface() + "'");
        }
    }
}
