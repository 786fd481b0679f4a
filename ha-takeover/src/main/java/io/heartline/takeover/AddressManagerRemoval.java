package io.heartline.takeover;

import io.heartline.core.VipRemoval;
import io.heartline.core.config.VipConfig;
import java.io.IOException;

/** {@link VipRemoval} through {@link AddressManagers#create()}: the same address manager as the daemon's. */
public final class AddressManagerRemoval implements VipRemoval {
    @Override
    public Remover open() {
        AddressManager addresses = AddressManagers.create();
        return new Remover() {
            @Override
            public boolean remove(VipConfig vip) throws IOException {
                try {
                    return addresses.remove(vip);
                } catch (TakeoverException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                addresses.close();
            }
        };
    }
}
