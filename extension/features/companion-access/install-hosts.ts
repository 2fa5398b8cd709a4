/**
 * The hosts the manifest grants at install (`host_permissions`): the local demo companion on loopback.
 * Port-less patterns match every port. Any other companion's host is asked for at Connect.
 */
export const INSTALL_HOST_PERMISSIONS = ['http://127.0.0.1/*', 'http://localhost/*'];
