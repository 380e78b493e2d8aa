package io.jenkins.plugins.bluegreen.engine.ssh;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Carries a host's SSH connection inside a {@code direct-tcpip} channel of the bastion's session,
 * like OpenSSH's ProxyJump: no local port is opened and the bastion never sees the inner keys.
 */
final class JumpProxy implements Proxy {
    private final Session bastion;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    JumpProxy(final Session bastion) {
        this.bastion = bastion;
    }

    @Override
    public void connect(final SocketFactory ignored, final String host, final int port, final int timeout)
            throws Exception {
        var tcp = (ChannelDirectTCPIP) bastion.openChannel("direct-tcpip");
        tcp.setHost(host);
        tcp.setPort(port);
        in = tcp.getInputStream();
        out = tcp.getOutputStream();
        tcp.connect(timeout);
        channel = tcp;
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.disconnect();
        }
        try {
            if (in != null) {
                in.close();
            }
        }
        catch (IOException e) {
            // Already closed with the channel.
        }
    }
}
