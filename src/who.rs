//! Who is running etcdkit, for audit records and holder descriptions: the host and the user.

/// This machine's host name (`localhost` when it cannot be read).
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into())
}

/// The user running etcdkit: the account's name, else `$USER`, else the numeric user ID.
pub fn user() -> String {
    // SAFETY: getuid cannot fail; getpwuid_r writes only into the buffers it is given.
    let uid = unsafe { libc::getuid() };
    let mut buffer = vec![0 as libc::c_char; 4096];
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    let status = unsafe {
        libc::getpwuid_r(
            uid,
            &mut entry,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        )
    };
    if status == 0 && !found.is_null() && !entry.pw_name.is_null() {
        // SAFETY: pw_name points into `buffer`, NUL-terminated by getpwuid_r.
        let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
        if let Ok(name) = name.to_str() {
            return name.to_string();
        }
    }
    std::env::var("USER").unwrap_or_else(|_| uid.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_user_and_host_are_never_empty() {
        assert!(!super::user().is_empty());
        assert!(!super::hostname().is_empty());
    }
}
